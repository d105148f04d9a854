package io.stratum.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcronymsTest {
  @Test
  void finds_acronyms_of_three_to_six_capitals_only() {
    assertThat(Acronyms.in("Is the RTO of the API in SEV2 at AC-2 under CISO review? OK"))
        .containsExactly("rto", "api", "ciso");
  }

  @Test
  void spells_out_an_acronym_from_consecutive_content_words() {
    assertThat(Acronyms.spelledOut("rto", "The recovery time objective is 15 minutes."))
        .hasValue("recovery time objective");
    assertThat(Acronyms.spelledOut("ciso", "Page the chief information security officer."))
        .hasValue("chief information security officer");
  }

  @Test
  void stop_words_never_spell_an_acronym() {
    assertThat(Acronyms.spelledOut("rto", "Rebuild the old primary as a standby.")).isEmpty();
  }

  @Test
  void expands_only_an_acronym_that_no_text_contains() {
    List<String> texts =
        List.of("Failover to a standby.", "The recovery time objective is 15 minutes.");

    assertThat(Acronyms.expand("What is the RTO of the ledger?", texts))
        .isEqualTo("What is the RTO (recovery time objective) of the ledger?");
    assertThat(Acronyms.expand("What is the RTO?", List.of("The RTO is 15 minutes.")))
        .isEqualTo("What is the RTO?");
    assertThat(Acronyms.expand("What is the XYZ?", texts)).isEqualTo("What is the XYZ?");
  }
}

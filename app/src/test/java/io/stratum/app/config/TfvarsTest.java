package io.stratum.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TfvarsTest {
  @Test
  void parses_literals_lists_maps_heredocs_and_every_comment_style() {
    Map<String, Tfvars.Attribute> a =
        Tfvars.parse(
            """
            # hash comment
            name  = "stratum"   // trailing comment
            /* block
               comment */
            price = 3.5
            on    = true
            none  = null
            ids   = ["a", "b",
                     "c"]
            tags  = { team = "sec", "cost-center" = "42" }
            prompt = <<-EOT
                line one
                  line two
                EOT
            """);

    assertThat(a.get("name").value()).isEqualTo("stratum");
    assertThat(a.get("name").line()).isEqualTo(2);
    assertThat(a.get("price").value()).isEqualTo(3.5);
    assertThat(a.get("on").value()).isEqualTo(true);
    assertThat(a.get("none").value()).isNull();
    assertThat(a.get("ids").value()).isEqualTo(List.of("a", "b", "c"));
    assertThat(a.get("tags").value()).isEqualTo(Map.of("team", "sec", "cost-center", "42"));
    assertThat(a.get("prompt").value()).isEqualTo("line one\n  line two\n");
    assertThat(a.get("prompt").line()).isEqualTo(11);
  }

  @Test
  void refuses_what_lenient_parsers_silently_accept() {
    assertThatThrownBy(() -> Tfvars.parse("b \"x\"\n"))
        .hasMessage("line 1:3: expected '=', found '\"'");
    assertThatThrownBy(() -> Tfvars.parse("ids = [1, 2\n"))
        .hasMessage("line 1: a list opened here is never closed with ']'");
    assertThatThrownBy(() -> Tfvars.parse("a = 1\na = 2\n"))
        .hasMessage("line 2:6: 'a' is set twice (first on line 1)");
    assertThatThrownBy(() -> Tfvars.parse("a = \"${var.x}\"\n"))
        .hasMessage(
            "line 1:6: interpolation ${...} is not allowed in tfvars; write the value itself");
    assertThatThrownBy(() -> Tfvars.parse("a = \"open\n"))
        .hasMessage("line 1: a string opened here is never closed");
  }
}

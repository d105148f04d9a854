package io.stratum.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SourceScheduleTest {
  private final SourceSchedule hourly =
      new SourceSchedule(new SyncSource("adr", "/corpus/adr", "security"), Duration.ofHours(1));

  @Test
  void every_instant_of_a_slot_names_the_same_start_and_the_next_slot_starts_one_interval_later() {
    Instant now = Instant.parse("2026-12-02T09:17:00Z");
    Instant slot = hourly.slot(now);

    assertThat(slot).isBeforeOrEqualTo(now).isAfter(now.minus(Duration.ofHours(1)));
    assertThat(hourly.slot(slot)).isEqualTo(slot);
    assertThat(hourly.slot(slot.plus(Duration.ofMinutes(59)))).isEqualTo(slot);
    assertThat(hourly.slot(slot.plus(Duration.ofHours(1))))
        .isEqualTo(slot.plus(Duration.ofHours(1)));
  }

  @Test
  void sources_with_the_same_interval_start_at_different_minutes() {
    Instant now = Instant.parse("2026-12-02T09:17:00Z");
    SourceSchedule other =
        new SourceSchedule(
            new SyncSource("runbooks", "/corpus/runbooks", "ops"), Duration.ofHours(1));

    assertThat(other.slot(now)).isNotEqualTo(hourly.slot(now));
  }

  @Test
  void a_source_id_is_its_kind_and_a_stable_hash_of_its_key() {
    assertThat(hourly.source().id()).matches("adr-[0-9a-f]{10}");
    assertThat(new SyncSource("adr", "/corpus/adr", "ops").id()).isEqualTo(hourly.source().id());
    assertThatThrownBy(() -> new SourceSchedule(hourly.source(), Duration.ZERO))
        .hasMessage("a sync interval must be > 0, got PT0S");
  }
}

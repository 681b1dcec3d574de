package no.carepath.followup.readings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.time.YearMonth;

import org.junit.jupiter.api.Test;

class ReadingPartitionsTest {

  @Test
  void aMonthsPartitionIsNamedByYearAndMonthAndReadBackTheSame() {
    assertThat(ReadingPartitions.name(YearMonth.of(2027, 3))).isEqualTo("followup_reading_2027_03");
    assertThat(ReadingPartitions.month("followup_reading_2027_03")).isEqualTo(YearMonth.of(2027, 3));
  }

  @Test
  void theDefaultPartitionAndOtherNamesAreNoMonth() {
    assertThatThrownBy(() -> ReadingPartitions.month("followup_reading_default"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReadingPartitions.month("followup_reading_2027_3; drop table x"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retentionMustBePositiveAndAtLeastOneMonthIsMadeAhead() {
    assertThat(new ReadingRetentionProperties(Period.ofYears(10), 3).retention()).isEqualTo(Period.ofYears(10));
    assertThatThrownBy(() -> new ReadingRetentionProperties(Period.ZERO, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReadingRetentionProperties(Period.ofDays(-1), 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ReadingRetentionProperties(Period.ofYears(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

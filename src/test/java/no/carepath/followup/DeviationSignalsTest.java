package no.carepath.followup;

import static no.carepath.followup.FollowupFixtures.CLOCK;
import static no.carepath.followup.FollowupFixtures.EPISODE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import no.carepath.followup.triage.Colour;
import no.carepath.patient.PatientService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How {@link DeviationSignals} hands deviations to the engine: several in one transaction and one
 * engine command, each marked signalled with the colour it was locked with; and when one of a batch
 * fails, the batch is undone and each is tried alone, so the others still get their task and the
 * failing one is recorded, kept pending and tried again later. The real engine and database side is
 * {@code DeviationSignalsIT}'s.
 */
class DeviationSignalsTest {

  private final DeviationStore store = mock(DeviationStore.class);
  private final EpisodeStore episodes = mock(EpisodeStore.class);
  private final PatientService patients = mock(PatientService.class);
  private final DeviationProcess process = mock(DeviationProcess.class);
  private final ProcessEngineConfigurationImpl engine = mock(ProcessEngineConfigurationImpl.class);
  private final TransactionTemplate transaction = mock(TransactionTemplate.class);
  private final AtomicInteger commands = new AtomicInteger();
  private final AtomicInteger transactions = new AtomicInteger();

  @BeforeEach
  void wire() {
    when(engine.getCommandExecutorTxRequired()).thenReturn(new CommandExecutor() {
      @Override
      public <T> T execute(Command<T> command) {
        commands.incrementAndGet();
        return command.execute(null);
      }
    });
    when(transaction.execute(any())).thenAnswer(call -> {
      transactions.incrementAndGet();
      return call.<TransactionCallback<?>>getArgument(0).doInTransaction(null);
    });
    when(episodes.get(EPISODE_ID)).thenReturn(FollowupFixtures.episode("ACTIVE", "FOLLOW_UP"));
    when(patients.label(any())).thenReturn("Astrid Hansen, f. 12.03.1941");
  }

  private DeviationSignals signals(int perTransaction) {
    return new DeviationSignals(store, episodes, patients, process, engine, transaction, new SimpleMeterRegistry(),
        CLOCK, "https://carepath.example", 1, perTransaction);
  }

  @Test
  void severalDeviationsAreStartedInOneTransactionAndOneEngineCommand() {
    List<DeviationStore.DeviationRow> rows = List.of(row("AVV-2026-000001", Colour.RED, null),
        row("AVV-2026-000002", Colour.YELLOW, null), row("AVV-2026-000003", Colour.RED, Colour.YELLOW));
    when(store.lockUnsignalled(eq(20), any(String[].class))).thenReturn(rows);

    assertThat(signals(20).signalPending()).isEqualTo(3);

    assertThat(transactions).hasValue(1);
    assertThat(commands).hasValue(1);
    verify(process).start(eq("AVV-2026-000001"), anyMap());
    verify(process).start(eq("AVV-2026-000002"), anyMap());
    // the third was yellow and signalled: now red, its task turns red
    verify(process).raise(eq("AVV-2026-000003"), anyString(), eq("Rødt avvik: Oksygenmetning 86 % (rød) 23.11. kl. 09:55"));
    verify(store).markSignalled(rows);
    verify(store, never()).markSignalled(anyString(), any());
  }

  @Test
  void whenOneOfABatchFailsTheOthersAreSignalledAloneAndTheFailingOneIsRecordedAndWaits() {
    DeviationStore.DeviationRow good = row("AVV-2026-000001", Colour.RED, null);
    DeviationStore.DeviationRow bad = row("AVV-2026-000002", Colour.RED, null);
    when(store.lockUnsignalled(eq(20), any(String[].class))).thenReturn(List.of(good, bad));
    when(store.lockUnsignalled(good.deviationId())).thenReturn(Optional.of(good));
    when(store.lockUnsignalled(bad.deviationId())).thenReturn(Optional.of(bad));
    when(store.find(bad.deviationId())).thenReturn(Optional.of(bad));
    doThrow(new IllegalStateException("engine says no")).when(process).start(eq(bad.deviationId()), anyMap());
    DeviationSignals signals = signals(20);

    assertThat(signals.signalPending()).isEqualTo(1);

    // the batch was undone (its marking never ran); each then alone
    verify(store, never()).markSignalled(any());
    verify(store).markSignalled(good.deviationId(), Colour.RED);
    verify(store, never()).markSignalled(eq(bad.deviationId()), any());
    verify(store).recordSignalFailure(eq(bad.deviationId()), eq("IllegalStateException: engine says no"));

    // the next round leaves the failing one out while it is in back-off
    List<String[]> excluded = new ArrayList<>();
    when(store.lockUnsignalled(anyInt(), any(String[].class))).thenAnswer(call -> {
      excluded.add(call.getArgument(1));
      return List.of();
    });
    assertThat(signals.signalPending()).isZero();
    assertThat(excluded).singleElement().satisfies(except -> assertThat(except).containsExactly(bad.deviationId()));
    verify(process, times(2)).start(eq(good.deviationId()), anyMap());
  }

  @Test
  void withABatchOfOneEachDeviationHasItsOwnTransaction() {
    DeviationStore.DeviationRow first = row("AVV-2026-000001", Colour.YELLOW, null);
    DeviationStore.DeviationRow second = row("AVV-2026-000002", Colour.RED, null);
    when(store.unsignalled(anyInt())).thenReturn(List.of(first.deviationId(), second.deviationId()));
    when(store.lockUnsignalled(first.deviationId())).thenReturn(Optional.of(first));
    when(store.lockUnsignalled(second.deviationId())).thenReturn(Optional.of(second));

    assertThat(signals(1).signalPending()).isEqualTo(2);

    assertThat(transactions).hasValue(2);
    verify(store).markSignalled(first.deviationId(), Colour.YELLOW);
    verify(store).markSignalled(second.deviationId(), Colour.RED);
    verify(store, never()).lockUnsignalled(anyInt(), any(String[].class));
  }

  private static DeviationStore.DeviationRow row(String id, Colour colour, Colour signalled) {
    return new DeviationStore.DeviationRow(id, EPISODE_ID, "READING", colour, signalled, "OPEN",
        "Oksygenmetning 86 % (rød) 23.11. kl. 09:55", 1, CLOCK.instant(), signalled == null ? null : CLOCK.instant(),
        null, null, null, null, null, 0);
  }
}

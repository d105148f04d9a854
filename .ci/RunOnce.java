import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one test class once in this JVM and exits 0 only when at least one test ran and none failed
 * or was skipped; .ci/repeat.sh starts it once per run. Prints one line: found, succeeded, failed,
 * skipped (aborted included), then each failure.
 */
public final class RunOnce {
  public static void main(String[] args) throws Exception {
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(Class.forName(args[0])))
            .build(),
        listener);
    TestExecutionSummary s = listener.getSummary();
    long skipped = s.getTestsSkippedCount() + s.getTestsAbortedCount();
    System.out.printf(
        "found %d, succeeded %d, failed %d, skipped %d%n",
        s.getTestsFoundCount(), s.getTestsSucceededCount(), s.getTotalFailureCount(), skipped);
    s.printFailuresTo(new PrintWriter(System.out), 12);
    boolean passed = s.getTestsSucceededCount() > 0 && s.getTotalFailureCount() == 0 && skipped == 0;
    System.exit(passed ? 0 : 1);
  }
}

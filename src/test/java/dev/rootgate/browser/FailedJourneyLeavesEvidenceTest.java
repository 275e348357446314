package dev.rootgate.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * When a journey fails, what each browser showed is kept under target/ for the CI log: a journey that fails on
 * purpose (run here through the JUnit launcher) leaves a screenshot and the page source, and the report names them.
 */
class FailedJourneyLeavesEvidenceTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static final List<String> REPORTED = new CopyOnWriteArrayList<>();
    private static final String ON_PURPOSE = "rootgate.test.fail-on-purpose";

    @Test
    void aFailedAssertionSavesTheScreenshotAndThePageSource() throws IOException {
        Path folder = BrowserSessions.FAILURES.resolve("DeliberatelyFailing.failsWhileShowingAPage");
        deleteAll(folder);

        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        System.setProperty(ON_PURPOSE, "true");
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(DeliberatelyFailing.class)).build(), listener);
        } finally {
            System.clearProperty(ON_PURPOSE);
        }
        TestExecutionSummary summary = listener.getSummary();
        assertEquals(1, summary.getTestsFailedCount(), "the deliberately failing journey did not fail");
        assertTrue(summary.getFailures().get(0).getException().getMessage().contains("on purpose"),
                summary.getFailures().get(0).getException().toString());

        byte[] png = Files.readAllBytes(folder.resolve("someone.png"));
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length), "the screenshot is no PNG");
        assertTrue(Files.readString(folder.resolve("someone.html")).contains("what the page showed"),
                "the saved page source is not the page's");
        assertTrue(REPORTED.stream().anyMatch(line -> line.contains(folder.resolve("someone.png").toAbsolutePath()
                .toString())), "the report does not say where the screenshot is: " + REPORTED);
    }

    private static void deleteAll(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Run only by the test above: surefire leaves nested classes alone, and a -Dtest pattern finds it disabled. */
    @EnabledIfSystemProperty(named = ON_PURPOSE, matches = "true")
    static class DeliberatelyFailing {

        @RegisterExtension
        final BrowserSessions browsers = new BrowserSessions(REPORTED::add);

        @Test
        void failsWhileShowingAPage() {
            ChromeDriver browser = browsers.open("someone");
            browser.get("data:text/html,<h1>what the page showed</h1>");
            fail("on purpose: the evidence of this failure is what the outer test checks");
        }
    }
}

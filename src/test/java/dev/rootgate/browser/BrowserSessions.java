package dev.rootgate.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The browsers of one journey, one per person (separate cookies, as separate people have). When the journey fails,
 * each browser's screenshot and page source are saved under {@code target/browser/failures/<test>/} and their paths
 * printed, so the CI log says where to look; after each test every browser is closed.
 */
public final class BrowserSessions implements AfterTestExecutionCallback, AfterEachCallback {

    static final Path FAILURES = Path.of("target/browser/failures");

    private final Map<String, ChromeDriver> open = new LinkedHashMap<>();
    private final Consumer<String> report;

    public BrowserSessions() {
        this(System.err::println);
    }

    /** {@code report} is told where the evidence of a failure went (the CI log, normally). */
    BrowserSessions(Consumer<String> report) {
        this.report = report;
    }

    /** A fresh browser for this person, with nothing stored from an earlier one. */
    public ChromeDriver open(String who) {
        if (open.containsKey(who)) {
            throw new IllegalArgumentException(who + " already has a browser in this test");
        }
        ChromeDriver driver = Chromium.start();
        open.put(who, driver);
        return driver;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isPresent()) {
            saveEvidence(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.values().forEach(WebDriver::quit);
        open.clear();
    }

    /** What each open browser shows now, as a PNG and as HTML, in a folder named after the test. */
    void saveEvidence(String test) {
        Path folder = FAILURES.resolve(test);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save what the browsers showed", e);
        }
        for (Map.Entry<String, ChromeDriver> browser : open.entrySet()) {
            Path png = folder.resolve(browser.getKey() + ".png");
            Path html = folder.resolve(browser.getKey() + ".html");
            try {
                Files.write(png, browser.getValue().getScreenshotAs(OutputType.BYTES));
                Files.writeString(html, "<!-- " + browser.getValue().getCurrentUrl() + " -->\n"
                        + browser.getValue().getPageSource(), StandardCharsets.UTF_8);
                report.accept("browser journey " + test + " failed: " + browser.getKey() + "'s page is in "
                        + png.toAbsolutePath() + " and " + html.toAbsolutePath());
            } catch (IOException | WebDriverException e) {
                // One browser that cannot answer (it crashed, say) must not hide what the others show.
                report.accept("browser journey " + test + " failed; " + browser.getKey() + "'s browser showed"
                        + " nothing to save: " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }
}

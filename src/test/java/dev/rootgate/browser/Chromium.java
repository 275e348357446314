package dev.rootgate.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium through the system's chromedriver (Debian's {@code chromium} and {@code chromium-driver}),
 * headless. Both are named explicitly, so Selenium never looks for (or downloads) a browser or a driver of its own;
 * {@code -Drootgate.test.chromium} and {@code -Drootgate.test.chromedriver} point elsewhere. The driver's log goes to
 * {@code target/browser/chromedriver.log}.
 */
final class Chromium {

    static final Path DOWNLOADS = Path.of("target/browser/downloads").toAbsolutePath();
    private static final String BINARY = System.getProperty("rootgate.test.chromium", "/usr/bin/chromium");
    private static final String DRIVER = System.getProperty("rootgate.test.chromedriver", "/usr/bin/chromedriver");

    private Chromium() {
    }

    static ChromeDriver start() {
        for (String path : new String[] {BINARY, DRIVER}) {
            if (!Files.isExecutable(Path.of(path))) {
                throw new IllegalStateException(path + " is missing: the browser journeys need Debian's chromium and"
                        + " chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)");
            }
        }
        try {
            Files.createDirectories(DOWNLOADS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--no-first-run", "--window-size=1280,1000", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false,
                "credentials_enable_service", false,
                "profile.password_manager_enabled", false,
                "profile.password_manager_leak_detection", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .withLogFile(Path.of("target/browser/chromedriver.log").toFile())
                .withAppendLog(true)
                // A zone other than the machine's UTC, so that the journeys see times turned into the viewer's zone.
                .withEnvironment(Map.of("TZ", "America/New_York"))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // Headless Chromium drops downloads unless told where they go.
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.<String, Object>of("behavior", "allow",
                "downloadPath", DOWNLOADS.toString()));
        return driver;
    }
}

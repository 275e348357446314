package dev.rootgate.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Pictures of the main pages, as the journeys reach them: into {@code target/screenshots/}, or where
 * {@code -Drootgate.screenshots.dir} says ({@code docs/screenshots} refreshes the README's copies). A window of
 * 1280x800, the part of the page a person sees first.
 */
final class Screenshots {

    static final Path DIR = Path.of(System.getProperty("rootgate.screenshots.dir", "target/screenshots"));

    private Screenshots() {
    }

    static Path take(ChromeDriver browser, String name) {
        browser.manage().window().setSize(new Dimension(1280, 800));
        // No focus ring left from the keyboard walk of the accessibility audit.
        browser.executeScript("if (document.activeElement) { document.activeElement.blur(); } window.scrollTo(0, 0);");
        try {
            Files.createDirectories(DIR);
            Path png = DIR.resolve(name + ".png");
            Files.write(png, browser.getScreenshotAs(OutputType.BYTES));
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the screenshot " + name, e);
        }
    }

    /** Blurs what the page shows as a secret (credentials), so that a picture of it shows none. */
    static void blurSecrets(ChromeDriver browser) {
        browser.executeScript("document.querySelectorAll('pre.secret').forEach(function (el) {"
                + " el.style.filter = 'blur(5px)'; });");
    }
}

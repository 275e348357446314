package dev.rootgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * ivan asks and thinks better of it (Cancel asks first); dave, the auditor, narrows the history to that request and
 * downloads it as CSV: the page and the file hold that request's events and nothing else.
 */
@QuarkusTest
@TestProfile(WithKeycloak.class)
class AuditorFiltersAndDownloadsTheHistoryTest extends Journey {

    @Test
    void anAuditorFiltersTheHistoryAndDownloadsWhatThePageShows() throws IOException {
        ChromeDriver ivan = signIn(Person.named("ivan"), "/requests/new");
        fillRequest(ivan, "IAMAuditRootUserCredentials", "111122223333", "Wrong account, cancelling.", "");
        String request = submitRequest(ivan);
        String id = request.substring(request.lastIndexOf('/') + 1);
        ivan.findElement(By.id("cancel")).click();
        String question = waitFor(ivan, ExpectedConditions.alertIsPresent()).getText();
        assertTrue(question.contains("cannot be reopened"), question);
        ivan.switchTo().alert().accept();
        waitFor(ivan, ExpectedConditions.textToBe(By.id("status"), "CANCELLED"));

        ChromeDriver dave = signIn(Person.named("dave"), "/audit");
        dave.findElement(By.name("request")).sendKeys(id);
        dave.findElement(By.id("filter")).click();
        waitFor(dave, ExpectedConditions.urlContains("request=" + id));
        List<WebElement> rows = dave.findElements(By.cssSelector("#events tr.event"));
        Set<String> actions = rows.stream().map(row -> row.getDomAttribute("data-action")).collect(Collectors.toSet());
        assertTrue(actions.containsAll(Set.of("request.created", "request.cancelled")), actions.toString());
        rows.forEach(row -> assertTrue(row.getText().contains("request #" + id), row.getText()));

        Set<Path> before = downloads();
        dave.findElement(By.id("download-csv")).click();
        Path csv = waitFor(dave, browser -> downloads().stream().filter(file -> !before.contains(file))
                .filter(file -> file.toString().endsWith(".csv")).findFirst().orElse(null));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(rows.size() + 1, lines.size(), "the file holds other rows than the page: " + lines);
        assertTrue(lines.stream().skip(1).allMatch(line -> line.contains(",111122223333,")), lines.toString());
        assertTrue(lines.stream().anyMatch(line -> line.contains("request.cancelled")), lines.toString());
        assertFalse(present(dave, "error"), "the download left an error on the page");
    }

    private static Set<Path> downloads() {
        try (Stream<Path> files = Files.list(Chromium.DOWNLOADS)) {
            return files.collect(Collectors.toSet());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.rootgate.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * Our own WCAG 2.1 AA audit of the page a browser shows (src/test/resources/browser/wcag-audit.js: language, title,
 * one h1, names of fields, buttons and links, text contrast), and a keyboard walk: Tab through the page, and every
 * element that takes the focus must show it (its outline or shadow differs from its unfocused look), and every
 * visible control must be reached.
 */
final class WcagAudit {

    private static final String SCRIPT = read("browser/wcag-audit.js");

    private WcagAudit() {
    }

    /** The violations on the page {@code browser} shows, each prefixed with {@code page}. */
    static List<String> of(ChromeDriver browser, String page) {
        List<String> problems = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) browser.executeScript(SCRIPT + "\nreturn audit();");
        found.forEach(problem -> problems.add(page + ": " + problem));
        problems.addAll(focusWalk(browser, page));
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static List<String> focusWalk(ChromeDriver browser, String page) {
        long controls = (Long) browser.executeScript(SCRIPT + """
                if (document.activeElement) { document.activeElement.blur(); }
                var controls = Array.prototype.filter.call(document.querySelectorAll(
                    'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]'), function (el) {
                  var box = el.getBoundingClientRect();
                  return !el.disabled && box.width > 0 && box.height > 0 && el.tabIndex >= 0;
                });
                controls.forEach(function (el) { el.rootgateUnfocused = focusStyles(el); });
                window.rootgateControls = controls;
                return controls.length;
                """);
        List<String> problems = new ArrayList<>();
        for (int step = 0; step < controls + 3; step++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            Map<String, Object> focused = (Map<String, Object>) browser.executeScript(SCRIPT + """
                    var el = document.activeElement;
                    if (!el || el === document.body || !el.rootgateUnfocused) { return null; }
                    el.rootgateReached = true;
                    var now = focusStyles(el), before = el.rootgateUnfocused;
                    return {selector: now.selector, shown: now.outline !== before.outline || now.shadow !== before.shadow,
                            outline: now.outline, shadow: now.shadow};
                    """);
            if (focused != null && !(Boolean) focused.get("shown")) {
                String problem = page + ": " + focused.get("selector") + ": focus not visible (outline "
                        + focused.get("outline") + ", box-shadow " + focused.get("shadow") + ", as unfocused)";
                if (!problems.contains(problem)) {
                    problems.add(problem);
                }
            }
        }
        List<String> unreached = (List<String>) browser.executeScript(SCRIPT + """
                var groups = new Set(window.rootgateControls.filter(function (el) {
                  return el.rootgateReached && el.type === 'radio'; }).map(function (el) { return el.name; }));
                return window.rootgateControls.filter(function (el) {
                  return !el.rootgateReached && !(el.type === 'radio' && groups.has(el.name));
                }).map(function (el) { return focusStyles(el).selector; });
                """);
        unreached.forEach(selector -> problems.add(page + ": " + selector + ": not reached with the Tab key"));
        return problems;
    }

    private static String read(String resource) {
        try (InputStream in = WcagAudit.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

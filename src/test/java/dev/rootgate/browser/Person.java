package dev.rootgate.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A user of the example realm, read from the realm file itself (password and OTP secret), who logs in at Keycloak's
 * own pages the way a person does: username and password, then the code of their authenticator app.
 */
record Person(String username, String password, Optional<String> totpSecret) {

    static Person named(String username) {
        try {
            JsonNode realm = new ObjectMapper().readTree(KeycloakServer.REALM_FILE.toFile());
            for (JsonNode user : realm.path("users")) {
                if (user.path("username").asText().equals(username)) {
                    String password = null;
                    String secret = null;
                    for (JsonNode credential : user.path("credentials")) {
                        switch (credential.path("type").asText()) {
                            case "password" -> password = credential.path("value").asText();
                            case "otp" -> secret = new ObjectMapper().readTree(credential.path("secretData").asText())
                                    .path("value").asText();
                            default -> {
                            }
                        }
                    }
                    return new Person(username, password, Optional.ofNullable(secret));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalArgumentException("no user " + username + " in " + KeycloakServer.REALM_FILE);
    }

    /**
     * On Keycloak's login page (where rootgate sent the browser): type the password, then the one-time code if this
     * person has an authenticator, and wait until Keycloak sends the browser back to rootgate.
     */
    void logIn(WebDriver browser, String rootgate) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        WebElement passwordField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password")));
        for (WebElement username : browser.findElements(By.id("username"))) {
            if (username.isDisplayed() && username.isEnabled() && username.getDomAttribute("readonly") == null) {
                username.clear();
                username.sendKeys(username());
            }
        }
        passwordField.sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
        if (totpSecret.isPresent()) {
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("otp")))
                    .sendKeys(Totp.nextCode(totpSecret.get()));
            browser.findElement(By.id("kc-login")).click();
        }
        wait.until(ExpectedConditions.urlMatches("^" + java.util.regex.Pattern.quote(rootgate)));
    }
}

package dev.rootgate.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where Keycloak and a Java it runs on are. Keycloak 26 needs Java 21 or newer, which lives beside rootgate's Java 17:
 * {@code -Drootgate.test.keycloak-java=DIR} or {@code KEYCLOAK_JAVA_HOME} names it, otherwise the newest JDK of 21+
 * under {@code /usr/lib/jvm} (or {@code JAVA_HOME}, if that is new enough) is taken.
 */
final class KeycloakDistribution {

    private static final int KEYCLOAK_JAVA = 21;

    private KeycloakDistribution() {
    }

    /** Unpacked by Maven (maven-dependency-plugin) into target/keycloak; the pom names the exact directory. */
    static Path home() {
        String configured = System.getProperty("rootgate.test.keycloak-home");
        Path home = configured != null ? Path.of(configured) : unpackedUnderTarget();
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak at " + home + ": run the tests through Maven, which unpacks"
                    + " org.keycloak:keycloak-quarkus-dist there (it needs the zip in the local repository once)");
        }
        return home;
    }

    static Path java21() {
        Optional<Path> named = Optional.ofNullable(System.getProperty("rootgate.test.keycloak-java"))
                .or(() -> Optional.ofNullable(System.getenv("KEYCLOAK_JAVA_HOME"))).map(Path::of);
        if (named.isPresent()) {
            if (javaVersion(named.get()) < KEYCLOAK_JAVA) {
                throw new IllegalStateException(named.get() + " is not a Java " + KEYCLOAK_JAVA + "+ home");
            }
            return named.get();
        }
        return candidates().filter(home -> javaVersion(home) >= KEYCLOAK_JAVA)
                .max(Comparator.comparingInt(KeycloakDistribution::javaVersion))
                .orElseThrow(() -> new IllegalStateException("Keycloak needs Java " + KEYCLOAK_JAVA + " or newer and"
                        + " none was found under /usr/lib/jvm or JAVA_HOME: install one, or name it with"
                        + " KEYCLOAK_JAVA_HOME or -Drootgate.test.keycloak-java"));
    }

    private static Stream<Path> candidates() {
        Stream<Path> javaHome = Stream.ofNullable(System.getenv("JAVA_HOME")).map(Path::of);
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return javaHome;
        }
        try (Stream<Path> list = Files.list(jvms)) {
            return Stream.concat(javaHome, list.toList().stream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The feature release from the JDK's {@code release} file; 0 when it is not a JDK with a java binary. */
    static int javaVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return 0;
        }
        try (var reader = Files.newBufferedReader(release)) {
            Properties properties = new Properties();
            properties.load(reader);
            String version = properties.getProperty("JAVA_VERSION", "\"0\"").replace("\"", "");
            return Integer.parseInt(version.split("[.+-]")[0]);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static Path unpackedUnderTarget() {
        Path target = Path.of("target/keycloak");
        if (!Files.isDirectory(target)) {
            return target;
        }
        try (Stream<Path> list = Files.list(target)) {
            return list.filter(dir -> dir.getFileName().toString().startsWith("keycloak-")).findFirst().orElse(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

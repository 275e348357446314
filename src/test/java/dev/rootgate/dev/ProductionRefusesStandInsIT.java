package dev.rootgate.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged application carries no stand-in and no embedded PostgreSQL; it starts as production on real services
 * without them, and refuses the stand-ins' switches and missing settings, one line each.
 */
class ProductionRefusesStandInsIT {

    private static final Path APP = Path.of("target", "quarkus-app");
    private static final Path JAR = APP.resolve("quarkus-run.jar");
    private static final Path COMPILED = Path.of("target", "classes");
    private static final String PACKAGE = "dev/rootgate/dev/";
    /** What production needs of the package to refuse the stand-ins; every other class file there is a stand-in. */
    private static final List<String> GUARD = List.of("ProductionGuard", "Switches", "GuardOrStandIns", "StandInSettings");

    private record Run(int exitCode, String output) {
    }

    private static ProcessBuilder production(String... properties) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(properties));
        command.addAll(List.of("-Dquarkus.http.port=0", "-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("QUARKUS_") || key.startsWith("ROOTGATE_"));
        return builder;
    }

    private static Run start(String... properties) throws IOException, InterruptedException {
        Process process = production(properties).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("production start did not stop by itself:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }

    private static boolean isGuard(String entry) {
        return GUARD.stream().anyMatch(name -> entry.startsWith(PACKAGE + name + ".") || entry.startsWith(PACKAGE + name + "$"));
    }

    /** Every class file of the package but the guard's, as jar entries: what the package rule must leave out. */
    private static Set<String> standIns() throws IOException {
        try (Stream<Path> files = Files.walk(COMPILED.resolve(PACKAGE))) {
            Set<String> standIns = new TreeSet<>();
            files.filter(Files::isRegularFile).map(file -> COMPILED.relativize(file).toString().replace('\\', '/'))
                    .filter(entry -> !isGuard(entry)).forEach(standIns::add);
            return standIns;
        }
    }

    private static List<Path> packagedJars() throws IOException {
        List<Path> jars = new ArrayList<>(List.of(JAR));
        for (String folder : List.of("app", "lib/main", "quarkus")) {
            try (Stream<Path> files = Files.list(APP.resolve(folder))) {
                files.filter(file -> file.toString().endsWith(".jar")).forEach(jars::add);
            }
        }
        return jars;
    }

    /** Whether the class file names the class (its internal or its dotted name, a nested class of it included). */
    private static boolean mentions(byte[] classFile, String className) {
        for (String form : List.of(className, className.replace('/', '.'))) {
            byte[] name = form.getBytes(StandardCharsets.UTF_8);
            search:
            for (int at = 0; at + name.length <= classFile.length; at++) {
                for (int i = 0; i < name.length; i++) {
                    if (classFile[at + i] != name[i]) {
                        continue search;
                    }
                }
                int next = at + name.length < classFile.length ? classFile[at + name.length] : 0;
                if (!Character.isJavaIdentifierPart(next) || next == '$') {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void thePackagedApplicationCarriesNoStandInAndNoEmbeddedPostgres() throws IOException {
        Set<String> standIns = standIns();
        assertTrue(standIns.containsAll(List.of(PACKAGE + "StsSimulator.class", PACKAGE + "DevIdentityProvider.class",
                PACKAGE + "EmbeddedServices.class", PACKAGE + "SlackSimulatorPage.class")), standIns.toString());
        List<String> classNames = standIns.stream().filter(entry -> entry.endsWith(".class") && !entry.contains("$"))
                .map(entry -> entry.substring(0, entry.length() - ".class".length())).toList();
        List<String> found = new ArrayList<>();
        for (Path jar : packagedJars()) {
            boolean ours = !jar.getParent().endsWith(Path.of("lib", "main"));
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                    ZipEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (!entry.isDirectory() && (name.startsWith(PACKAGE) && !isGuard(name)
                            || name.startsWith("META-INF/services/dev.rootgate.dev.") || name.startsWith("io/zonky/")
                            || name.endsWith(".txz") || name.contains("postgres-linux") || name.endsWith("/bin/postgres"))) {
                        found.add(jar.getFileName() + "!" + name);
                    }
                    if (ours && name.endsWith(".class")) {
                        byte[] classFile = zip.getInputStream(entry).readAllBytes();
                        classNames.stream().filter(className -> mentions(classFile, className))
                                .forEach(className -> found.add(jar.getFileName() + "!" + name + " names " + className));
                    }
                }
            }
            if (jar.getFileName().toString().startsWith("io.zonky.")) {
                found.add(jar.getFileName().toString());
            }
        }
        assertEquals(List.of(), found, "stand-ins, embedded PostgreSQL or references to them in " + APP);
    }

    /**
     * Started as production with real services in the stand-ins' places (PostgreSQL, an OIDC issuer), the package
     * without its stand-ins comes up ready.
     */
    @Test
    void thePackagedApplicationStartsAsProductionWithoutItsStandIns() throws Exception {
        String secret = "client-secret-of-the-production-start";
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                DevIdentityProvider issuer = DevIdentityProvider.start(0, "rootgate", secret)) {
            ProcessBuilder builder = production("-Dquarkus.management.port=0",
                    "-Dquarkus.datasource.jdbc.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                    "-Dquarkus.datasource.username=postgres", "-Dquarkus.datasource.password=postgres",
                    // Production migrates in an init container (MigrateCommandIT); this start migrates itself.
                    "-D%prod.quarkus.flyway.migrate-at-start=true", "-D%prod.quarkus.flyway.validate-at-start=false",
                    "-Dquarkus.oidc.auth-server-url=" + issuer.issuer(), "-Dquarkus.oidc.credentials.secret=" + secret,
                    "-Drootgate.policy.file=" + Path.of("src/main/resources/dev-policy.yaml").toAbsolutePath(),
                    "-Drootgate.base-url=https://rootgate.example.com",
                    "-Dquarkus.rest-csrf.token-signature-key=a-32-character-key-from-the-vault",
                    "-Drootgate.audit.checkpoint-key=" + ProductionGuardTest.CHECKPOINT_KEY,
                    "-Drootgate.audit.checkpoint-public-key=" + ProductionGuardTest.CHECKPOINT_PUBLIC_KEY);
            Process process = builder.start();
            try {
                StringBuilder output = new StringBuilder();
                CompletableFuture<Matcher> started = CompletableFuture.supplyAsync(() -> awaitStart(process, output));
                Matcher ports = started.get(180, TimeUnit.SECONDS);
                assertTrue(ports != null, "production did not start:\n" + output);
                HttpResponse<String> ready = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ports.group(2) + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, ready.statusCode(), ready.body());
                assertFalse(output.toString().contains("ClassNotFound") || output.toString().contains("NoClassDefFound"),
                        output.toString());
            } finally {
                process.destroy();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static final Pattern STARTED = Pattern.compile(
            "Listening on: https?://[^ ]+:(\\d+)\\. Management interface listening on https?://[^ ]+:(\\d+)");

    /** The ports of the started application, or null when its output ended before it started. */
    private static Matcher awaitStart(Process process, StringBuilder output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                Matcher ports = STARTED.matcher(line);
                if (ports.find()) {
                    return ports;
                }
            }
            return null;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void missingSettingsAreNamedOneLineEach() throws Exception {
        Run run = start();
        assertNotEquals(0, run.exitCode());
        for (String key : List.of("quarkus.datasource.jdbc.url", "quarkus.oidc.auth-server-url",
                "quarkus.oidc.credentials.secret", "rootgate.policy.file", "rootgate.base-url",
                "quarkus.rest-csrf.token-signature-key", "rootgate.audit.checkpoint-key",
                "rootgate.audit.checkpoint-public-key")) {
            assertTrue(run.output().contains("  - " + key + " is required in production and is not set"), run.output());
        }
    }

    /** Every stand-in switched on, each in a spelling that SmallRye reads as true. */
    @Test
    void everyStandInIsRefusedHoweverItIsSpelled() throws Exception {
        Run run = start("-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:1/rootgate",
                "-Dquarkus.oidc.auth-server-url=http://127.0.0.1:1/realms/corp", "-Dquarkus.oidc.credentials.secret=x",
                "-Drootgate.policy.file=/etc/rootgate/policy.yaml", "-Drootgate.base-url=https://rootgate.example.com",
                "-Dquarkus.rest-csrf.token-signature-key=a-32-character-key-from-the-vault",
                "-Drootgate.audit.checkpoint-key=" + ProductionGuardTest.CHECKPOINT_KEY,
                "-Drootgate.audit.checkpoint-public-key=" + ProductionGuardTest.CHECKPOINT_PUBLIC_KEY,
                "-Drootgate.dev.embedded-database=yes", "-Drootgate.dev.sts-simulator=on",
                "-Drootgate.dev.identity-provider=1", "-Drootgate.dev.slack-simulator=y",
                "-Drootgate.dev.sqs-simulator=TRUE", "-Drootgate.dev.cloudtrail-simulator=On");
        assertNotEquals(0, run.exitCode());
        for (String standIn : ProductionGuard.STAND_INS) {
            assertTrue(run.output().contains("  - " + standIn + "="), run.output());
        }
        assertTrue(run.output().contains("  - rootgate.dev.sts-simulator=on is for dev mode and tests only"), run.output());
        assertTrue(!run.output().contains("is required in production"), run.output());
    }

    @Test
    void plainHttpAndAShortCsrfKeyAreRefused() throws Exception {
        Run run = start("-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:1/rootgate",
                "-Dquarkus.oidc.auth-server-url=http://127.0.0.1:1/realms/corp", "-Dquarkus.oidc.credentials.secret=x",
                "-Drootgate.policy.file=/etc/rootgate/policy.yaml", "-Drootgate.base-url=http://rootgate.example.com",
                "-Dquarkus.rest-csrf.token-signature-key=short");
        assertNotEquals(0, run.exitCode());
        assertTrue(run.output().contains("  - rootgate.base-url must be an https:// URL in production"), run.output());
        assertTrue(run.output().contains("  - quarkus.rest-csrf.token-signature-key must be at least 32 characters"),
                run.output());
    }
}

package dev.rootgate.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.tools.ToolProvider;

/**
 * tools/VerifyAuditExport.java as its users run it: the documented command in a JVM of its own, or, for the many runs
 * of one test, compiled alone and loaded where no class of rootgate is visible.
 */
public final class OfflineVerifier {

    public static final Path SOURCE = Path.of("tools", "VerifyAuditExport.java").toAbsolutePath();
    private static Method run;

    private OfflineVerifier() {
    }

    public record Outcome(int exitCode, String out, String err) {
    }

    /** {@code java tools/VerifyAuditExport.java ARGS} with this JDK's java. */
    public static Outcome command(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                SOURCE.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("verifier", ".out");
        Path err = Files.createTempFile("verifier", ".err");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the verifier did not finish");
        }
        return new Outcome(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** The same program's entry point, called in this JVM. */
    public static synchronized Outcome inProcess(String... args) throws Exception {
        if (run == null) {
            run = compiled().getMethod("run", String[].class, PrintStream.class, PrintStream.class);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = (int) run.invoke(null, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Class<?> compiled() throws IOException, ClassNotFoundException {
        Path classes = Files.createTempDirectory("verifier-classes");
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        // An empty class path: the program compiles with the JDK alone or not at all.
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-cp", classes.toString(),
                "-d", classes.toString(), SOURCE.toString());
        if (status != 0) {
            throw new AssertionError("the verifier does not compile alone: " + errors);
        }
        ClassLoader jdkOnly = new URLClassLoader(new URL[] { classes.toUri().toURL() }, ClassLoader.getPlatformClassLoader());
        return Class.forName("VerifyAuditExport", true, jdkOnly);
    }
}

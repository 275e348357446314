package dev.rootgate.lockdown;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.rootgate.policy.PolicyException;
import dev.rootgate.policy.PolicyParser;

/**
 * {@code rootgate iam <policy.yaml> [<directory>]}: generates the broker's IAM lockdown from a policy file, into
 * the directory (files replaced) or to standard output. Runs without starting the application.
 */
public final class IamCommand {

    public static final String NAME = "iam";

    private IamCommand() {
    }

    /** The exit status: 0 done, 1 the policy file is invalid, 2 wrong usage or unreadable/unwritable files. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || args.length > 3) {
            err.println("usage: iam <policy.yaml> [<output directory>]");
            return 2;
        }
        try {
            Path policyFile = Path.of(args[1]);
            Map<String, String> files = IamLockdown.files(
                    PolicyParser.parse(policyFile.toString(), Files.readAllBytes(policyFile)));
            if (args.length == 2) {
                files.forEach((name, json) -> out.print("# " + name + "\n" + json));
                return 0;
            }
            Path directory = Files.createDirectories(Path.of(args[2]));
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(directory.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
                out.println("wrote " + directory.resolve(file.getKey()));
            }
            return 0;
        } catch (PolicyException e) {
            err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("cannot read or write: " + e.getMessage());
            return 2;
        }
    }
}

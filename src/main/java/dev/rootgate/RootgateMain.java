package dev.rootgate;

import dev.rootgate.database.MigrateCommand;
import dev.rootgate.lockdown.IamCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class RootgateMain {

    public static void main(String... args) {
        if (args.length > 0 && IamCommand.NAME.equals(args[0])) {
            System.exit(IamCommand.run(args, System.out, System.err));
        }
        if (args.length == 1 && MigrateCommand.NAME.equals(args[0])) {
            System.exit(MigrateCommand.run(MigrateCommand::setting, System.out, System.err));
        }
        // HttpURLConnection (the STS client's transport) silently re-sends a POST whose connection failed: for
        // AssumeRoot that is a second root session. The JDK reads this once, so it is set before anything runs.
        System.setProperty("sun.net.http.retryPost", "false");
        Quarkus.run(args);
    }
}

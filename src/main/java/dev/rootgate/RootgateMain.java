package dev.rootgate;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

@QuarkusMain
public class RootgateMain {

    public static void main(String... args) {
        // HttpURLConnection (the STS client's transport) silently re-sends a POST whose connection failed: for
        // AssumeRoot that is a second root session. The JDK reads this once, so it is set before anything runs.
        System.setProperty("sun.net.http.retryPost", "false");
        Quarkus.run(args);
    }
}

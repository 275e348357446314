package dev.rootgate.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * rootgate's broker principal, from {@code rootgate.detect.broker-principal-arn}: a role ARN
 * ({@code arn:aws:iam::<account>:role/<path/>name}) matches every session of that role as CloudTrail writes it
 * ({@code arn:aws:sts::<account>:assumed-role/<name>/<session>}, path dropped); any other ARN matches only itself.
 */
public final class BrokerPrincipal {

    private static final Pattern ROLE = Pattern.compile("arn:(aws[a-z-]*):iam::(\\d{12}):role/(?:.*/)?([^/]+)");

    private final String arn;
    private final String sessionPrefix;

    public BrokerPrincipal(String arn) {
        if (arn == null || arn.isBlank()) {
            throw new IllegalArgumentException("the broker principal ARN is empty");
        }
        this.arn = arn.strip();
        Matcher role = ROLE.matcher(this.arn);
        this.sessionPrefix = role.matches()
                ? "arn:" + role.group(1) + ":sts::" + role.group(2) + ":assumed-role/" + role.group(3) + "/"
                : null;
    }

    public boolean matches(AssumeRootEvent.Caller caller) {
        String callerArn = caller.arn();
        return callerArn.equals(arn) || (sessionPrefix != null && callerArn.startsWith(sessionPrefix)
                && callerArn.length() > sessionPrefix.length());
    }

    @Override
    public String toString() {
        return arn;
    }
}

package dev.rootgate.web.pages;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.rootgate.identity.Caller;
import dev.rootgate.identity.MfaGate;
import dev.rootgate.identity.Roles;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.request.Access;

@ApplicationScoped
public class Frames {

    @Inject
    PolicyService policies;
    @Inject
    MfaGate mfa;
    @Inject
    Clock clock;
    @ConfigProperty(name = "rootgate.dev.identity-provider")
    boolean simulatedIdentity;
    @ConfigProperty(name = "rootgate.dev.sts-simulator")
    boolean simulatedSts;
    @ConfigProperty(name = "rootgate.dev.embedded-database")
    boolean embeddedDatabase;

    public boolean devMode() {
        return simulatedIdentity || simulatedSts || embeddedDatabase;
    }

    public PageFrame nobody() {
        return new PageFrame(devMode(), "", false, false, false, false, "", "none");
    }

    public PageFrame of(Caller caller) {
        List<String> roles = Roles.of(caller, policies.current());
        String mfaText = "no MFA";
        String mfaClass = "none";
        if (mfa.multiFactor(caller)) {
            // How old it is; each action's page says whether that is fresh enough for it.
            long minutes = Duration.between(caller.mfa().authTime().orElseThrow(), clock.instant()).toMinutes();
            mfaText = "MFA " + (minutes < 1 ? "just now" : minutes + " min ago");
            mfaClass = "fresh";
        }
        return new PageFrame(devMode(), caller.name(), roles.contains("requester"), roles.contains("approver"),
                Access.isOverseer(caller, policies.current()), roles.contains("admin"), mfaText, mfaClass);
    }
}

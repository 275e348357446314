package dev.rootgate.web.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.rootgate.identity.Caller;
import dev.rootgate.identity.CurrentCaller;
import dev.rootgate.identity.MfaGate;
import dev.rootgate.identity.Roles;
import dev.rootgate.policy.PolicyService;

@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    @Inject
    CurrentCaller caller;
    @Inject
    PolicyService policies;
    @Inject
    MfaGate mfa;
    @Inject
    Clock clock;

    public record Mfa(List<String> methods, boolean multiFactor, Instant authTime, Long ageSeconds) {
    }

    public record Me(String subject, String name, String username, Set<String> groups, List<String> roles, Mfa mfa) {
    }

    @GET
    public Me me() {
        Caller me = caller.get();
        Instant authTime = me.mfa().authTime().orElse(null);
        Long age = authTime == null ? null : Duration.between(authTime, clock.instant()).toSeconds();
        return new Me(me.subject(), me.name(), me.username(), new TreeSet<>(me.groups()), Roles.of(me, policies.current()),
                new Mfa(me.mfa().methods(), mfa.multiFactor(me), authTime, age));
    }

}

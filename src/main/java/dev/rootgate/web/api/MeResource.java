package dev.rootgate.web.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import dev.rootgate.policy.Policy;
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

    public record Me(String subject, String name, Set<String> groups, List<String> roles, Mfa mfa) {
    }

    @GET
    public Me me() {
        Caller me = caller.get();
        Instant authTime = me.mfa().authTime().orElse(null);
        Long age = authTime == null ? null : Duration.between(authTime, clock.instant()).toSeconds();
        return new Me(me.subject(), me.name(), new TreeSet<>(me.groups()), roles(me, policies.current()),
                new Mfa(me.mfa().methods(), mfa.multiFactor(me), authTime, age));
    }

    public static List<String> roles(Caller caller, Policy policy) {
        List<String> roles = new ArrayList<>();
        if (policy.canRequestSomething(caller.groups())) {
            roles.add("requester");
        }
        if (policy.canApproveSomething(caller.groups())) {
            roles.add("approver");
        }
        if (caller.inAnyOf(policy.auditorGroups())) {
            roles.add("auditor");
        }
        if (caller.inAnyOf(policy.adminGroups())) {
            roles.add("admin");
        }
        return roles;
    }
}

package dev.rootgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rootgate.dev.DevIdentityProvider;
import dev.rootgate.dev.DevIdentityProvider.SampleUser;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Dev mode has only its sample users: with them alone, a newcomer must be able to finish a walk-through. */
class DevPolicyWalkThroughTest {

    private static final Policy DEV_POLICY = PolicyParser.parse("dev-policy.yaml", PolicyFiles.devPolicy());

    /** Break-glass included: its two approvals need two security leads (grace and heidi). */
    @Test
    void everyDevRuleCanBeMetBySampleUsersOtherThanAnyOfItsRequesters() {
        for (Rule rule : DEV_POLICY.rules()) {
            List<SampleUser> requesters = DevIdentityProvider.SAMPLE_USERS.stream()
                    .filter(user -> rule.requestableBy(Set.copyOf(user.groups())))
                    .toList();
            assertFalse(requesters.isEmpty(), () -> rule.name() + ": no sample user can request it");
            for (SampleUser requester : requesters) {
                List<SampleUser> others = DevIdentityProvider.SAMPLE_USERS.stream()
                        .filter(user -> !user.equals(requester))
                        .toList();
                assertTrue(canMeet(rule.stages(), others, new int[rule.stages().size()], 0),
                        () -> rule.name() + ": the sample users besides " + requester.username()
                                + " cannot meet every stage, one stage per person");
            }
        }
    }

    /** The README's walk-through names these users for the two stages of unlock-resources. */
    @Test
    void bobOrCarolCanApproveTheFirstStageOfUnlockResourcesAndOnlyCarolTheSecond() {
        List<ApprovalStage> stages = DEV_POLICY.rule("unlock-resources").orElseThrow().stages();

        assertEquals(List.of("bob", "carol"), eligible(stages.get(0)));
        assertEquals(List.of("carol"), eligible(stages.get(1)));
    }

    private static List<String> eligible(ApprovalStage stage) {
        return DevIdentityProvider.SAMPLE_USERS.stream()
                .filter(user -> stage.admits(Set.copyOf(user.groups())))
                .map(SampleUser::username)
                .toList();
    }

    /** Tries every way of seating each person in one stage or none; there are few sample users. */
    private static boolean canMeet(List<ApprovalStage> stages, List<SampleUser> people, int[] seated, int next) {
        boolean met = true;
        for (int i = 0; i < stages.size(); i++) {
            met &= seated[i] >= stages.get(i).count();
        }
        if (met) {
            return true;
        }
        if (next == people.size()) {
            return false;
        }
        Set<String> groups = Set.copyOf(people.get(next).groups());
        for (int i = 0; i < stages.size(); i++) {
            if (seated[i] < stages.get(i).count() && stages.get(i).admits(groups)) {
                seated[i]++;
                boolean metWithThisSeat = canMeet(stages, people, seated, next + 1);
                seated[i]--;
                if (metWithThisSeat) {
                    return true;
                }
            }
        }
        return canMeet(stages, people, seated, next + 1);
    }
}

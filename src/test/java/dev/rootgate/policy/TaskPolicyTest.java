package dev.rootgate.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TaskPolicyTest {

    @Test
    void arnIsTheAwsManagedRootTaskPolicyArn() {
        assertEquals("arn:aws:iam::aws:policy/root-task/IAMCreateRootUserPassword",
                TaskPolicy.IAMCreateRootUserPassword.arn());
        for (TaskPolicy taskPolicy : TaskPolicy.values()) {
            assertTrue(taskPolicy.arn().endsWith("/root-task/" + taskPolicy.name()), taskPolicy::name);
        }
    }

    @Test
    void riskFollowsTheSeedsRanking() {
        assertEquals(Risk.LOW, TaskPolicy.IAMAuditRootUserCredentials.risk());
        assertEquals(Risk.MEDIUM, TaskPolicy.S3UnlockBucketPolicy.risk());
        assertEquals(Risk.MEDIUM, TaskPolicy.SQSUnlockQueuePolicy.risk());
        assertEquals(Risk.HIGH, TaskPolicy.IAMDeleteRootUserCredentials.risk());
        assertEquals(Risk.CRITICAL, TaskPolicy.IAMCreateRootUserPassword.risk());
    }

    @Test
    void allowedActionsAreTheNotActionListsOfTheV1Documents() {
        assertEquals(List.of("iam:CreateLoginProfile", "iam:GetLoginProfile"),
                TaskPolicy.IAMCreateRootUserPassword.allowedActions());
        assertEquals(List.of("s3:DeleteBucketPolicy", "s3:PutBucketPolicy", "s3:GetBucketPolicy", "s3:ListAllMyBuckets"),
                TaskPolicy.S3UnlockBucketPolicy.allowedActions());
        assertEquals(7, TaskPolicy.IAMAuditRootUserCredentials.allowedActions().size());
        assertEquals(11, TaskPolicy.IAMDeleteRootUserCredentials.allowedActions().size());
        assertEquals(4, TaskPolicy.SQSUnlockQueuePolicy.allowedActions().size());
    }

    @Test
    void everyTaskPolicyHasASummaryForApprovers() {
        for (TaskPolicy taskPolicy : TaskPolicy.values()) {
            assertTrue(taskPolicy.summary().length() > 20, taskPolicy::name);
        }
    }

    @Test
    void byNameIsExactAndCaseSensitive() {
        assertEquals(Optional.of(TaskPolicy.S3UnlockBucketPolicy), TaskPolicy.byName("S3UnlockBucketPolicy"));
        assertEquals(Optional.empty(), TaskPolicy.byName("s3unlockbucketpolicy"));
        assertEquals(Optional.empty(), TaskPolicy.byName(" S3UnlockBucketPolicy"));
        assertEquals(Optional.empty(), TaskPolicy.byName(null));
    }
}

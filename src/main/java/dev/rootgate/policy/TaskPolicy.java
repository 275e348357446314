package dev.rootgate.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The five AWS-managed root-task policies, the only session policies AssumeRoot accepts.
 * The allowed actions are the NotAction lists of version v1 of each policy document (reference/aws/task-policies),
 * so approvers see exactly what a root session could do.
 */
public enum TaskPolicy {
    IAMAuditRootUserCredentials(Risk.LOW,
            "Read the root user's password, access keys, signing certificates and MFA devices without changing them",
            List.of("iam:ListAccessKeys", "iam:ListSigningCertificates", "iam:GetLoginProfile", "iam:ListMFADevices",
                    "iam:GetAccountSummary", "iam:GetUser", "iam:GetAccessKeyLastUsed")),
    IAMCreateRootUserPassword(Risk.CRITICAL,
            "Create a console password for the root user, so that someone can sign in to the account as root",
            List.of("iam:CreateLoginProfile", "iam:GetLoginProfile")),
    IAMDeleteRootUserCredentials(Risk.HIGH,
            "Delete the root user's password, access keys, signing certificates and MFA devices",
            List.of("iam:DeleteAccessKey", "iam:DeleteSigningCertificate", "iam:DeleteLoginProfile",
                    "iam:DeactivateMFADevice", "iam:DeleteVirtualMFADevice", "iam:ListAccessKeys",
                    "iam:ListSigningCertificates", "iam:GetLoginProfile", "iam:ListMFADevices", "iam:GetUser",
                    "iam:GetAccessKeyLastUsed")),
    S3UnlockBucketPolicy(Risk.MEDIUM,
            "Read, replace or delete a bucket policy that locks everyone out of an S3 bucket",
            List.of("s3:DeleteBucketPolicy", "s3:PutBucketPolicy", "s3:GetBucketPolicy", "s3:ListAllMyBuckets")),
    SQSUnlockQueuePolicy(Risk.MEDIUM,
            "Read or replace a queue policy that locks everyone out of an SQS queue",
            List.of("sqs:SetQueueAttributes", "sqs:GetQueueAttributes", "sqs:ListQueues", "sqs:GetQueueUrl"));

    /** AssumeRoot's hard limit on DurationSeconds. */
    public static final int MAX_SESSION_SECONDS = 900;

    private static final String ARN_PREFIX = "arn:aws:iam::aws:policy/root-task/";

    private final Risk risk;
    private final String summary;
    private final List<String> allowedActions;

    TaskPolicy(Risk risk, String summary, List<String> allowedActions) {
        this.risk = risk;
        this.summary = summary;
        this.allowedActions = allowedActions;
    }

    public String arn() {
        return ARN_PREFIX + name();
    }

    public Risk risk() {
        return risk;
    }

    public List<String> allowedActions() {
        return allowedActions;
    }

    public String summary() {
        return summary;
    }

    /** Exact and case-sensitive: the name is also the last segment of the ARN AWS expects. */
    public static Optional<TaskPolicy> byName(String name) {
        return Arrays.stream(values()).filter(taskPolicy -> taskPolicy.name().equals(name)).findFirst();
    }
}

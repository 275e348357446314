package dev.rootgate.web.view;

import java.util.List;

import dev.rootgate.policy.TaskPolicy;

/** A task policy as the catalog and the request form show it. */
public record TaskPolicyView(String name, String arn, String risk, String summary, List<String> allowedActions) {
    public static TaskPolicyView of(TaskPolicy p) {
        return new TaskPolicyView(p.name(), p.arn(), p.risk().name(), p.summary(), p.allowedActions());
    }
}

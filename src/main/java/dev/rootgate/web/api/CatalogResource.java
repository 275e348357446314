package dev.rootgate.web.api;

import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import dev.rootgate.policy.Account;
import dev.rootgate.policy.PolicyService;
import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.web.view.TaskPolicyView;

@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    @Inject
    PolicyService policies;

    public record TaskPolicyView(String name, String arn, String risk, String summary, List<String> allowedActions) {
        public static TaskPolicyView of(TaskPolicy p) {
            return new TaskPolicyView(p.name(), p.arn(), p.risk().name(), p.summary(), p.allowedActions());
        }
    }

    public record Catalog(List<Account> accounts, List<TaskPolicyView> taskPolicies, String policySha256) {
    }

    @GET
    public Catalog catalog() {
        return new Catalog(policies.current().accounts(),
                Arrays.stream(TaskPolicy.values()).map(TaskPolicyView::of).toList(), policies.current().sha256());
    }
}

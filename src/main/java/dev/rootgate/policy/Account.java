package dev.rootgate.policy;

import java.util.List;

/** A member account from the policy file's catalog; only these accounts can be requested. */
public record Account(String id, String name, String ou, List<String> tags) {

    public Account {
        tags = List.copyOf(tags);
    }
}

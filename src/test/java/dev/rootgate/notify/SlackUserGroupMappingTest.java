package dev.rootgate.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The IdP group → Slack user group mapping takes only Slack's ID shape: nothing else reaches a formatted block. */
class SlackUserGroupMappingTest {

    @Test
    void groupsMapToSlackUserGroupIds() {
        assertEquals(Map.of("security-oncall", "S012AB3CD", "platform-leads", "S0PLATFORM"),
                settings("security-oncall=S012AB3CD", " platform-leads=S0PLATFORM ").userGroups());
        SlackSettings none = new SlackSettings();
        none.userGroups = Optional.empty();
        assertEquals(Map.of(), none.userGroups());
    }

    @Test
    void anythingButAUserGroupIdIsRefusedAtStart() {
        for (String bad : List.of("security-oncall", "security-oncall=", "security-oncall=<!here>",
                "security-oncall=S01|x", "security-oncall=U012AB3CD", "=S012AB3CD", "a b=S012AB3CD")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> settings(bad).check(), bad);
            assertEquals(true, refused.getMessage().startsWith("rootgate.slack.user-groups: "), refused.getMessage());
        }
    }

    private static SlackSettings settings(String... entries) {
        SlackSettings settings = new SlackSettings();
        settings.userGroups = Optional.of(List.of(entries));
        return settings;
    }
}

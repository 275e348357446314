package dev.rootgate.dev;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the Slack simulator's workspace holds: channels by name and id, the messages posted to them, and users to
 * look up by email. It also reads each message the way Slack would, listing what would ping people and which links
 * it shows, so that tests can prove user-typed text does neither.
 */
final class SlackWorkspace {

    /** Slack's control sequences: {@code <!here>}, {@code <!subteam^S1>}, {@code <@U1>}, {@code <#C1>}, {@code <url|label>}. */
    private static final Pattern CONTROL = Pattern.compile("<([!@#])([^>|]*)(?:\\|[^>]*)?>|<((?:https?|mailto):[^>|]*)(?:\\|([^>]*))?>");
    /** Where a client links bare names (link_names), these ping the whole channel. */
    private static final Pattern BARE_BROADCAST = Pattern.compile("(?<![\\w\\u2060])@(here|channel|everyone)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CHANNEL_NAME = Pattern.compile("#?[a-z0-9][a-z0-9_-]{0,79}");

    static final class Message {
        final String channelId;
        final String channelName;
        final String ts;
        final String threadTs;
        String text;
        JsonNode blocks;
        int updates;

        Message(String channelId, String channelName, String ts, String threadTs, String text, JsonNode blocks) {
            this.channelId = channelId;
            this.channelName = channelName;
            this.ts = ts;
            this.threadTs = threadTs;
            this.text = text;
            this.blocks = blocks;
        }

        Map<String, Object> describe() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("channel", channelName);
            out.put("channelId", channelId);
            out.put("ts", ts);
            out.put("threadTs", threadTs);
            out.put("text", text);
            out.put("blocks", blocks);
            out.put("updates", updates);
            List<String> pings = new ArrayList<>();
            List<String> links = new ArrayList<>();
            read(text, pings, links);
            if (blocks != null) {
                blocks.findValues("text").forEach(node -> read(node.isTextual() ? node.asText() : node.path("text").asText(),
                        pings, links));
                blocks.findValues("url").forEach(url -> links.add(url.asText()));
            }
            out.put("pings", pings);
            out.put("links", links);
            return out;
        }
    }

    private final Map<String, String> channelIds = new LinkedHashMap<>();
    private final Map<String, String> usersByEmail = new LinkedHashMap<>();
    private final List<Message> messages = new ArrayList<>();
    private long lastTs;

    synchronized Optional<String> channelId(String channel) {
        if (channel == null) {
            return Optional.empty();
        }
        if (channelIds.containsValue(channel)) {
            return Optional.of(channel);
        }
        if (channel.matches("U[A-Z0-9]+") && usersByEmail.containsValue(channel)) {
            return Optional.of(channelIds.computeIfAbsent("@" + channel, k -> "D" + channel.substring(1)));
        }
        if (!CHANNEL_NAME.matcher(channel).matches()) {
            return Optional.empty();
        }
        String name = channel.startsWith("#") ? channel : "#" + channel;
        return Optional.of(channelIds.computeIfAbsent(name, k -> String.format("C%08d", channelIds.size() + 1)));
    }

    synchronized Message post(String channelId, String threadTs, String text, JsonNode blocks) {
        lastTs = Math.max(lastTs + 1, System.currentTimeMillis() * 1000);
        String ts = String.format("%d.%06d", lastTs / 1_000_000, lastTs % 1_000_000);
        Message message = new Message(channelId, nameOf(channelId), ts, threadTs, text, blocks);
        messages.add(message);
        return message;
    }

    synchronized Optional<Message> find(String channelId, String ts) {
        return messages.stream().filter(m -> m.channelId.equals(channelId) && m.ts.equals(ts)).findFirst();
    }

    synchronized void update(Message message, String text, JsonNode blocks) {
        message.text = text;
        message.blocks = blocks;
        message.updates++;
    }

    synchronized List<Map<String, Object>> messages() {
        return messages.stream().map(Message::describe).toList();
    }

    synchronized void addUser(String email, String userId) {
        usersByEmail.put(email.toLowerCase(), userId);
    }

    synchronized Optional<String> userByEmail(String email) {
        return Optional.ofNullable(email).map(String::toLowerCase).map(usersByEmail::get);
    }

    synchronized void clear() {
        messages.clear();
    }

    private String nameOf(String channelId) {
        return channelIds.entrySet().stream().filter(e -> e.getValue().equals(channelId)).map(Map.Entry::getKey)
                .findFirst().orElse(channelId);
    }

    private static void read(String text, List<String> pings, List<String> links) {
        if (text == null) {
            return;
        }
        Matcher control = CONTROL.matcher(text);
        while (control.find()) {
            if (control.group(1) != null) {
                pings.add(control.group(1) + control.group(2));
            } else {
                links.add(control.group(3));
            }
        }
        Matcher bare = BARE_BROADCAST.matcher(text);
        while (bare.find()) {
            pings.add("@" + bare.group(1));
        }
    }
}

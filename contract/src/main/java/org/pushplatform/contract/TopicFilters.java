package org.pushplatform.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * MQTT topic names and filters: which are valid, which filter matches which topic, and the literal prefix a filter is
 * found by. A filter's prefix is its levels before the first wildcard; a topic can only match filters whose prefix is
 * one of its own prefixes, so a publish reads those filters only, never every subscription of its app.
 */
public final class TopicFilters {

    /** Longest topic or filter accepted, in bytes (as pubsub's topics, and the column that holds them). */
    public static final int MAX_BYTES = 256;
    /** A shared subscription's filter: {@code $share/<group>/<filter>}; each message goes to one member of the group. */
    public static final String SHARE_PREFIX = "$share/";

    private TopicFilters() {
    }

    /** Why this is no topic name a client may publish to, or null when it is one. */
    public static String topicProblem(String topic) {
        if (topic == null || topic.isEmpty()) {
            return "an empty topic";
        }
        if (topic.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "a topic over " + MAX_BYTES + " bytes";
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0 || topic.indexOf('\0') >= 0) {
            return "a topic name with a wildcard";
        }
        return null;
    }

    /** Why this is no topic filter, or null when it is one. */
    public static String filterProblem(String filter) {
        if (filter == null || filter.isEmpty()) {
            return "an empty filter";
        }
        if (filter.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "a filter over " + MAX_BYTES + " bytes";
        }
        if (filter.startsWith(SHARE_PREFIX)) {
            int slash = filter.indexOf('/', SHARE_PREFIX.length());
            String group = slash < 0 ? "" : filter.substring(SHARE_PREFIX.length(), slash);
            if (group.isEmpty() || group.contains("+") || group.contains("#")) {
                return "a shared subscription is $share/<group>/<filter>, the group without wildcards";
            }
            return filterProblem(filter.substring(slash + 1));
        }
        if (filter.indexOf('\0') >= 0) {
            return "a filter with a null character";
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return "# is a level of its own, the last";
            }
            if (level.contains("+") && !level.equals("+")) {
                return "+ is a level of its own";
            }
        }
        return null;
    }

    public static boolean hasWildcard(String filter) {
        filter = matchFilterOf(filter);
        return filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0;
    }

    /** The group of a shared subscription's filter, or null for a filter of one's own. */
    public static String shareGroupOf(String filter) {
        if (!filter.startsWith(SHARE_PREFIX)) {
            return null;
        }
        int slash = filter.indexOf('/', SHARE_PREFIX.length());
        return slash < 0 ? null : filter.substring(SHARE_PREFIX.length(), slash);
    }

    /** The filter topics are matched against: a shared subscription's own filter after its group. */
    public static String matchFilterOf(String filter) {
        String group = shareGroupOf(filter);
        return group == null ? filter : filter.substring(SHARE_PREFIX.length() + group.length() + 1);
    }

    /** The filter's levels before its first wildcard, joined by {@code /}; the whole filter when it has none. */
    public static String prefixOf(String filter) {
        String[] levels = matchFilterOf(filter).split("/", -1);
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].equals("+") || levels[i].equals("#")) {
                return prefix.toString();
            }
            if (i > 0) {
                prefix.append('/');
            }
            prefix.append(levels[i]);
        }
        return prefix.toString();
    }

    /**
     * Every prefix a filter matching this topic can have: the empty one, then the topic's levels one by one (a/b/c:
     * "", "a", "a/b", "a/b/c"). A topic starting with {@code $} is matched by no filter starting with a wildcard, but
     * "" stays among its prefixes: {@link #matches} tells them apart.
     */
    public static List<String> prefixesOf(String topic) {
        String[] levels = topic.split("/", -1);
        List<String> prefixes = new ArrayList<>(levels.length + 1);
        prefixes.add("");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < levels.length; i++) {
            if (i > 0) {
                prefix.append('/');
            }
            prefix.append(levels[i]);
            prefixes.add(prefix.toString());
        }
        return prefixes;
    }

    /**
     * MQTT's matching: {@code +} one level, {@code #} the rest (and the parent level), {@code $} topics only by name; a
     * shared subscription's filter by its own filter.
     */
    public static boolean matches(String filter, String topic) {
        filter = matchFilterOf(filter);
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}

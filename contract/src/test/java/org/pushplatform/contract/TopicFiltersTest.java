package org.pushplatform.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TopicFiltersTest {

    @Test
    void plusMatchesOneLevelAndHashTheRestWithTheParent() {
        assertTrue(TopicFilters.matches("sensors/+/temp", "sensors/k1/temp"));
        assertFalse(TopicFilters.matches("sensors/+/temp", "sensors/k1/x/temp"));
        assertFalse(TopicFilters.matches("sensors/+/temp", "sensors/k1/humidity"));
        assertTrue(TopicFilters.matches("sensors/+", "sensors/"), "+ matches an empty level");
        assertTrue(TopicFilters.matches("alerts/#", "alerts"));
        assertTrue(TopicFilters.matches("alerts/#", "alerts/fire/floor2"));
        assertFalse(TopicFilters.matches("alerts/#", "alertsx"));
        assertTrue(TopicFilters.matches("#", "a/b/c"));
        assertTrue(TopicFilters.matches("a/b", "a/b"));
        assertFalse(TopicFilters.matches("a/b", "a/b/c"));
        assertTrue(TopicFilters.matches("/+/x", "/sys/x"), "a leading / is an empty first level");
    }

    @Test
    void dollarTopicsAreNotMatchedByALeadingWildcard() {
        assertFalse(TopicFilters.matches("#", "$SYS/broker"));
        assertFalse(TopicFilters.matches("+/broker", "$SYS/broker"));
        assertTrue(TopicFilters.matches("$SYS/#", "$SYS/broker"));
    }

    @Test
    void aFilterIsFoundByAPrefixOfTheTopics() {
        assertEquals("sensors", TopicFilters.prefixOf("sensors/+/temp"));
        assertEquals("", TopicFilters.prefixOf("#"));
        assertEquals("a/b", TopicFilters.prefixOf("a/b"));
        assertEquals("/sys", TopicFilters.prefixOf("/sys/+"));
        assertEquals(List.of("", "a", "a/b", "a/b/c"), TopicFilters.prefixesOf("a/b/c"));
        for (String filter : List.of("a/+/c", "a/#", "#", "a/b/c", "+/b/#")) {
            assertTrue(TopicFilters.prefixesOf("a/b/c").contains(TopicFilters.prefixOf(filter)), filter);
        }
    }

    @Test
    void aSharedSubscriptionMatchesByItsOwnFilter() {
        assertEquals("workers", TopicFilters.shareGroupOf("$share/workers/jobs/+"));
        assertEquals("jobs/+", TopicFilters.matchFilterOf("$share/workers/jobs/+"));
        assertEquals("jobs", TopicFilters.prefixOf("$share/workers/jobs/+"));
        assertTrue(TopicFilters.matches("$share/workers/jobs/+", "jobs/1"));
        assertFalse(TopicFilters.matches("$share/workers/jobs/+", "$share/workers/jobs/1"));
        assertNull(TopicFilters.shareGroupOf("jobs/+"));
        assertNull(TopicFilters.filterProblem("$share/workers/#"));
        assertNotNull(TopicFilters.filterProblem("$share//jobs"));
        assertNotNull(TopicFilters.filterProblem("$share/w+/jobs"));
        assertNotNull(TopicFilters.filterProblem("$share/workers"));
    }

    @Test
    void invalidFiltersAndTopicNamesAreNamed() {
        assertNotNull(TopicFilters.filterProblem("a/#/b"));
        assertNotNull(TopicFilters.filterProblem("a/b#"));
        assertNotNull(TopicFilters.filterProblem("a+/b"));
        assertNotNull(TopicFilters.filterProblem(""));
        assertNotNull(TopicFilters.filterProblem("x".repeat(257)));
        assertNull(TopicFilters.filterProblem("a/+/#"));
        assertNotNull(TopicFilters.topicProblem("a/+"));
        assertNotNull(TopicFilters.topicProblem("a/#"));
        assertNotNull(TopicFilters.topicProblem(""));
        assertNull(TopicFilters.topicProblem("a/b"));
    }
}

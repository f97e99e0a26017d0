package org.pushplatform.chat.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboxCategoryTest {

    @Test
    void theSeedsThreeNumberingsNameTheSameCategories() {
        // remove session 3-7, new notify dtype 0-4, inbox unread / clear notification value strings, as the seed has them
        assertThat(InboxCategory.ofSessionType(4)).contains(InboxCategory.POST);
        assertThat(InboxCategory.ofDtype(0)).contains(InboxCategory.POST);
        assertThat(InboxCategory.ofValue("post")).contains(InboxCategory.POST);
        assertThat(InboxCategory.ofSessionType(3)).contains(InboxCategory.SYSTEM);
        assertThat(InboxCategory.ofDtype(1)).contains(InboxCategory.SYSTEM);
        assertThat(InboxCategory.ofSessionType(7).map(InboxCategory::dtype)).contains(4);
        assertThat(InboxCategory.ofValue("calendar").map(InboxCategory::sessionType)).contains(5);
        assertThat(InboxCategory.ofDtype(5)).isEmpty();
    }

    @Test
    void sessionTypesAreUsersGroupsCategoriesAndPublicAccounts() {
        assertThat(InboxCategory.isSessionType(1)).isTrue();
        assertThat(InboxCategory.isSessionType(2)).isTrue();
        assertThat(InboxCategory.isSessionType(6)).isTrue();
        assertThat(InboxCategory.isSessionType(100)).isTrue();
        assertThat(InboxCategory.isSessionType(8)).isFalse();
        assertThat(InboxCategory.isSessionType(42)).isFalse();
    }
}

/** What chat-service measures about itself, beside the counters each class keeps. */
package org.pushplatform.chat.metrics;

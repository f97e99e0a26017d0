/**
 * Each device's delivered position: what a device connecting catches up on, and what goes to connected devices live,
 * sent once each, in order, by the instance that owns the account.
 */
package org.pushplatform.chat.sync;

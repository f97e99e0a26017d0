/** Groups: their members' windows, admins, mutes and ban, and the seed's events that tell members of a change. */
package org.pushplatform.chat.groups;

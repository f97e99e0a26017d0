/** Upload tokens for the object storage the seed's clients upload files to. */
package org.pushplatform.chat.uploads;

/** Chat accounts, their client tokens and contacts. */
package org.pushplatform.chat.accounts;

/** Apps (tenants): their keys, secrets and the admin REST API that manages them. */
package org.pushplatform.routing.app;

/** The delivery core's language, the same for all five APIs: addresses, delivery commands and their outcomes. */
package org.pushplatform.contract.delivery;

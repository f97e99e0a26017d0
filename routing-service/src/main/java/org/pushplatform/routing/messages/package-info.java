/**
 * One message to an alias or a topic of an app, whichever API published it, sent to the clients of every API in
 * that API's own shape: the app's one alias and topic space across protocols.
 */
package org.pushplatform.routing.messages;

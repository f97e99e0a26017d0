/** Socket.IO listeners (netty-socketio) and the guards that make its long-polling reliable for real clients. */
package org.pushplatform.gateway.socketio;

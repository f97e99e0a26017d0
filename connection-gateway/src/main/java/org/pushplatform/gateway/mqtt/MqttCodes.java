package org.pushplatform.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.pushplatform.contract.MqttApi;

/** Each protocol version's codes for the outcomes routing gives in neutral terms. */
final class MqttCodes {

    static final byte NORMAL = 0x00;
    static final byte NO_SUBSCRIPTION_EXISTED = 0x11;
    static final byte UNSPECIFIED_ERROR = (byte) 0x80;
    static final byte MALFORMED_PACKET = (byte) 0x81;
    static final byte PROTOCOL_ERROR = (byte) 0x82;
    static final byte NOT_AUTHORIZED = (byte) 0x87;
    static final byte KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
    static final byte SESSION_TAKEN_OVER = (byte) 0x8E;
    static final byte TOPIC_FILTER_INVALID = (byte) 0x8F;
    static final byte TOPIC_NAME_INVALID = (byte) 0x90;
    static final byte RECEIVE_MAXIMUM_EXCEEDED = (byte) 0x93;
    static final byte PACKET_ID_NOT_FOUND = (byte) 0x92;
    static final byte TOPIC_ALIAS_INVALID = (byte) 0x94;
    static final byte PACKET_TOO_LARGE = (byte) 0x95;
    static final byte QUOTA_EXCEEDED = (byte) 0x97;
    static final byte QOS_NOT_SUPPORTED = (byte) 0x9B;
    /** The node is going away: connect again, and a load balancer takes the client elsewhere. */
    static final byte USE_ANOTHER_SERVER = (byte) 0x9C;
    /** SUBACK's failure in MQTT 3.1.1. */
    static final int SUBSCRIBE_FAILURE_V3 = 0x80;

    private MqttCodes() {
    }

    static boolean isV5(MqttVersion version) {
        return version == MqttVersion.MQTT_5;
    }

    static MqttConnectReturnCode connack(MqttApi.ConnectResult result, MqttVersion version) {
        boolean v5 = isV5(version);
        return switch (result) {
            case ACCEPTED -> MqttConnectReturnCode.CONNECTION_ACCEPTED;
            case BAD_CREDENTIALS -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
            case NOT_AUTHORIZED -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED;
            case CLIENT_ID_REJECTED -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID
                : MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED;
            case QUOTA_EXCEEDED -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED
                : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
            case UNAVAILABLE -> v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE;
        };
    }

    /** SUBACK's code for a filter: the QoS granted, or the failure (MQTT 5 says why: an invalid filter or a quota). */
    static int suback(int granted, String filter, MqttVersion version) {
        if (granted >= 0) {
            return granted;
        }
        if (!isV5(version)) {
            return SUBSCRIBE_FAILURE_V3;
        }
        return org.pushplatform.contract.TopicFilters.filterProblem(filter) != null ? TOPIC_FILTER_INVALID & 0xFF : QUOTA_EXCEEDED & 0xFF;
    }

    static byte puback(MqttApi.PublishResult result) {
        return switch (result) {
            case ACCEPTED -> NORMAL;
            case TOPIC_INVALID -> TOPIC_NAME_INVALID;
            case QUOTA_EXCEEDED -> QUOTA_EXCEEDED;
            case NOT_AUTHORIZED -> NOT_AUTHORIZED;
        };
    }

    /** DISCONNECT's code for a reason routing closed a connection for. */
    static byte disconnect(String reason) {
        return MqttApi.TAKEN_OVER.equals(reason) ? SESSION_TAKEN_OVER : UNSPECIFIED_ERROR;
    }
}

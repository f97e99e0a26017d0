package org.pushplatform.service;

import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Error answers of the domain services' admin APIs, shaped as routing's: {@code {"success": false, "error_msg": why}},
 * with the status that says what kind of error it is.
 */
public final class AdminErrors {

    private AdminErrors() {
    }

    public static Response of(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("success", false, "error_msg", message)).build();
    }

    public static Response notFound(String what) {
        return of(Response.Status.NOT_FOUND, what + " not found");
    }

    public static Response badRequest(String why) {
        return of(Response.Status.BAD_REQUEST, why);
    }
}

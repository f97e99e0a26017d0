package org.pushplatform.device;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.pushplatform.testsupport.KafkaAndPostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaAndPostgresResource.class)
class DeviceServiceHealthTest {

    @Test
    void reportsReadyAndExposesPrometheusMetricsAndItsOpenApi() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().when().get("/q/openapi").then().statusCode(401);
        given().header("Authorization", "Bearer test-admin-token").when().get("/q/openapi")
            .then().statusCode(200).body(containsString("/admin/apps/{app}/devices/{serial}/commands"));
    }
}

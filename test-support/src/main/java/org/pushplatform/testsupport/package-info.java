/** Test resources that give Quarkus tests a real Kafka broker and a real PostgreSQL, without Docker. */
package org.pushplatform.testsupport;

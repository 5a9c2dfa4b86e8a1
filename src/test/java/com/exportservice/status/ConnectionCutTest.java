package com.exportservice.status;

import org.junit.jupiter.api.Test;

import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which store failures make the end of an export be saved again on the pool's next connection. */
class ConnectionCutTest {
    @Test
    void aConnectionLostUnderTheDriverIsACut() {
        SQLException io = new SQLException("An I/O error occurred while sending to the backend.", "08006", new SocketException("Broken pipe"));
        assertThat(StatusTracker.connectionCut(new StoreException("save export x", io))).isTrue();
    }

    @Test
    void noConnectionToBeHadAndOtherErrorsAreNot() {
        SQLException timeout = new SQLTransientConnectionException("export-store - Connection is not available", "08001");
        assertThat(StatusTracker.connectionCut(new StoreException("save export x", timeout))).isFalse();
        SQLException constraint = new SQLException("check constraint violated", "23514");
        assertThat(StatusTracker.connectionCut(new StoreException("save export x", constraint))).isFalse();
        assertThat(StatusTracker.connectionCut(new StoreException("save export x", new RuntimeException("?")))).isFalse();
    }
}

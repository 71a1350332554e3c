package dev.quotecast.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The harness itself: a real server answers, and each test gets a database of its own. */
class TestPostgresTest {

    @Test
    void aRealServerGivesEachTestItsOwnDatabase() throws Exception {
        TestPostgres pg = TestPostgres.require();
        String a = pg.newDatabase("harness"), b = pg.newDatabase("harness");
        assertThat(a).isNotEqualTo(b);
        try (Connection c = DriverManager.getConnection(a); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (k text PRIMARY KEY)");
            s.execute("INSERT INTO t VALUES ('x')");
            try (ResultSet r = s.executeQuery("SELECT version()")) {
                r.next();
                assertThat(r.getString(1)).startsWith("PostgreSQL");
            }
        }
        try (Connection c = DriverManager.getConnection(b); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 't'")) {
            r.next();
            assertThat(r.getInt(1)).isZero();
        }
    }
}

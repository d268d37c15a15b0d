package io.neoncdc.jobs.demo;

import java.math.BigDecimal;
import java.util.Objects;

/** One row of the revenue-per-customer aggregate. */
final class Revenue {
    final long customerId;
    final String name;
    final long orders;
    final BigDecimal revenue;

    Revenue(long customerId, String name, long orders, BigDecimal revenue) {
        this.customerId = customerId;
        this.name = name;
        this.orders = orders;
        this.revenue = revenue == null ? BigDecimal.ZERO : revenue;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Revenue)) {
            return false;
        }
        Revenue r = (Revenue) o;
        return customerId == r.customerId
                && orders == r.orders
                && Objects.equals(name, r.name)
                && revenue.compareTo(r.revenue) == 0;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(customerId);
    }
}

package eaeu.pmm03.contract.xml;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PerThreadTest {

    @Test
    void oneInstancePerThreadResetAfterEachUse() throws Exception {
        AtomicInteger created = new AtomicInteger();
        List<StringBuilder> resets = new ArrayList<>();
        PerThread<StringBuilder> p = new PerThread<>(() -> {
            created.incrementAndGet();
            return new StringBuilder();
        }, b -> {
            resets.add(b);
            b.setLength(0);
        });
        StringBuilder first = p.apply(b -> b.append("x"));
        StringBuilder second = p.apply(b -> {
            assertThat(b).isEmpty(); // reset after the first use
            return b;
        });
        assertThat(second).isSameAs(first);
        assertThat(resets).hasSize(2);
        StringBuilder[] onOther = new StringBuilder[1];
        Thread other = new Thread(() -> onOther[0] = p.apply(b -> b));
        other.start();
        other.join();
        assertThat(onOther[0]).isNotNull().isNotSameAs(first);
        assertThat(created).hasValue(2);
    }

    @Test
    void reentryGetsItsOwnInstance() {
        PerThread<Object> p = new PerThread<>(Object::new, o -> { });
        Object[] inner = new Object[1];
        Object outer = p.apply(o -> {
            Object i = p.apply(x -> x);
            inner[0] = i;
            return o;
        });
        assertThat(inner[0]).isNotSameAs(outer);
    }

    @Test
    void anInstanceWhoseUseThrewIsNotReused() {
        PerThread<Object> p = new PerThread<>(Object::new, o -> { });
        Object[] broken = new Object[1];
        assertThatThrownBy(() -> p.with(o -> {
            broken[0] = o;
            throw new java.io.IOException("broken");
        })).hasMessage("broken");
        Object next = p.apply(o -> o);
        assertThat(next).isNotSameAs(broken[0]);
    }
}

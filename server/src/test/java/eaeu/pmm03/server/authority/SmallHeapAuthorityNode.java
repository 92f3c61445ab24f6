package eaeu.pmm03.server.authority;

import eaeu.pmm03.server.Pmm03Application;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An authority node in a JVM of its own for {@link SignedMtomSmallHeapTest}: the application as deployed, plus the
 * conversation (this node's MSG.014 to {@code -Dpmm03.test.peer}, accepted) that the MSG.016 answers refer to,
 * opened after start as the bench server's /bench/conversation does; then "READY" on standard output.
 */
public final class SmallHeapAuthorityNode {

    public static void main(String[] args) {
        ConfigurableApplicationContext ctx = SpringApplication.run(Pmm03Application.class, args);
        String id = System.getProperty("pmm03.test.conversation");
        String peer = System.getProperty("pmm03.test.peer");
        Conversations c = ctx.getBean(Conversations.class);
        ctx.getBean(TransactionTemplate.class).executeWithoutResult(st -> c.start(id, Conversations.Side.REQUESTER,
                peer, Conversations.State.ACCEPTED, "test", "<test/>"));
        System.out.println("READY");
    }

    private SmallHeapAuthorityNode() {}
}

package io.promptsuite.auth.key;

import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class SigningKeyRepository implements PanacheRepositoryBase<SigningKey, String> {

    public List<SigningKey> newestFirst() {
        return list("order by signsFrom desc");
    }

    /** Serialises key creation between instances starting at once. */
    public void lockForKeyChange() {
        getEntityManager().createNativeQuery("select pg_advisory_xact_lock(7301)").getSingleResult();
    }
}

# Set memory limit
kubectl -n arka-system exec -it sts/redis-master-0 -- redis-cli CONFIG SET maxmemory 2gb

# Set eviction policy
kubectl -n arka-system exec -it sts/redis-master-0 -- redis-cli CONFIG SET maxmemory-policy allkeys-lru

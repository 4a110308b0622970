// Each test class starts a whole suite; two at once on a 2-core machine only make both slow.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

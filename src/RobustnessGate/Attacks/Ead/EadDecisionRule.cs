namespace RobustnessGate.Attacks.Ead;

/// <summary>How EAD picks the returned example among the successful iterates.</summary>
public enum EadDecisionRule
{
    /// <summary>Smallest L1 distortion (Su et al.'s EAD-L1, the reference code's l1_attack.py).</summary>
    L1,

    /// <summary>Smallest elastic-net distance ||d||_2^2 + beta ||d||_1 (Chen et al.'s EN rule).</summary>
    ElasticNet,
}
